"""One line of the benchmark's progress, with the time."""

import time


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)
