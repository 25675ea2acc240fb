import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["check"]:  # the readers' server imports while the command line does
        from pipeline.sandbox import warm_up
        warm_up(sys.argv[2:])
    from desktop.cli import main
    sys.exit(main())
