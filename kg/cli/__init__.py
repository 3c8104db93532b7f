"""The ``kg`` command line: thin, it parses, validates and calls the public API.

One module per family of commands: :mod:`kg.cli.parser` (every command's
arguments and the exit codes), :mod:`kg.cli.build` (``kg build``, ``kg export``),
:mod:`kg.cli.explore` (``kg query``, ``kg view``, ``kg eval``). :func:`main` runs one.
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
import warnings

from kg.cli.build import cmd_build, cmd_export, graph_counts, summary
from kg.cli.explore import cmd_eval, cmd_query, cmd_view
from kg.cli.parser import EXIT_FAIL, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, make_parser

__all__ = ["main", "run", "graph_counts", "summary", "EXIT_OK", "EXIT_FAIL", "EXIT_USAGE", "EXIT_PARTIAL"]

COMMANDS = {"build": cmd_build, "export": cmd_export, "view": cmd_view, "query": cmd_query, "eval": cmd_eval}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that a build stops the same way."""


def _on_sigterm(signum: int, frame) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="kg: %(message)s")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from kg.errors import KGError, OutputError

    # `kill` stops a build as Ctrl-C does: workers stopped, temporary files removed, old output kept.
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return COMMANDS[args.command](args)
    except KGError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt as err:
        how = "terminated" if isinstance(err, Terminated) else "interrupted"
        print(f"kg: {how}; previous output left as it was", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(err, Terminated) else signal.SIGINT)
    except OSError as err:      # a full disk, a file in the way, no permission: not a bug
        logging.getLogger(__name__).info("traceback", exc_info=True)
        print(f"kg: error: {OutputError.from_os_error(err, getattr(args, 'output', None))}", file=sys.stderr)
        return EXIT_FAIL
    except Exception as err:  # a bug: one line, the traceback with -v, old output intact
        logging.getLogger(__name__).info("traceback", exc_info=True)
        print(f"kg: error: unexpected {type(err).__name__}: {err} (previous output left as it was; "
              "rerun with -v for the traceback and report it)", file=sys.stderr)
        return EXIT_FAIL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning about the data (a sidecar ignored, a date not understood) as one line, not as kg's source."""
    print(f"kg: warning: {message}", file=file or sys.stderr)


def run() -> None:
    """The ``kg`` command: :func:`main`, then exit without a last garbage collection.

    On exit the interpreter runs one full collection over every object still
    alive; after a build of 10,000 documents that takes about a second, for
    nothing, since the system takes the memory back at once. ``gc.freeze()``
    puts those objects out of the collector's reach; everything else about
    exiting (atexit handlers, worker pools, profilers' reports) stays as usual.
    """
    code = main()
    gc.freeze()
    sys.exit(code)
