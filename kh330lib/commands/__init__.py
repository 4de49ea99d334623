"""Sub-commands of `kh330`: each module defines add_parser(subparsers) and run(args) -> int."""
