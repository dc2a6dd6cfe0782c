"""Election pages: for members (pages, stand, booth) and for those who run them (officer)."""
