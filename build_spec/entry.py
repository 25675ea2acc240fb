"""Entry point of the frozen program: the same main() as `python -m desktop`."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the process pool of batch checks works frozen
    from desktop.cli import main
    sys.exit(main())
