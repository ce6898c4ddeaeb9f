"""How ``taskqual score`` and ``taskqual report`` end: exit codes and one-line messages, no tracebacks.

=====  ==========================================================================================
code   meaning
=====  ==========================================================================================
0      done; rows that could not be read or classified are kept and flagged in ``error``
1      a bug in taskqual: the message names the exception; ``TASKQUAL_DEBUG=1`` shows the traceback
2      the input, an option or the output path cannot be used (the message says what and how to fix)
3      the run failed midway (a worker process died twice, the input changed while it was read);
       no output was written
130    interrupted (Ctrl-C, SIGTERM); no output was written
=====  ==========================================================================================
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from taskqual.batch.readers import printable

EXIT_OK = 0
EXIT_BUG = 1
EXIT_INPUT = 2
EXIT_RUN_FAILED = 3
EXIT_INTERRUPTED = 130


def guarded(command: str, work: Callable[[], int]) -> int:
    """Run ``work`` and turn what it raises into a message on stderr and the documented exit code."""
    from taskqual.batch.readers import InputChangedError
    from taskqual.batch.scoring import WorkerDiedError
    from taskqual.errors import TaskqualError

    try:
        return work()
    except (WorkerDiedError, InputChangedError) as e:
        _say(command, str(e))
        return EXIT_RUN_FAILED
    except LookupError as e:  # an unknown --encoding / --output-encoding
        _say(command, f"{e}; name a codec such as utf-8, utf-8-sig or cp1251")
        return EXIT_INPUT
    except (ValueError, OSError, TaskqualError) as e:  # bad input, missing column, unwritable output
        _say(command, str(e))
        return EXIT_INPUT
    except RecursionError:
        _say(command, "the input is nested too deeply to be read")
        return EXIT_INPUT
    except Exception as e:  # a bug: say so plainly instead of a traceback
        if os.environ.get("TASKQUAL_DEBUG"):
            raise
        _say(
            command,
            f"unexpected error {type(e).__name__}: {printable(str(e))[:300]} "
            "(a bug in taskqual; TASKQUAL_DEBUG=1 shows the traceback). No output was written",
        )
        return EXIT_BUG


def _say(command: str, message: str) -> None:
    print(f"taskqual {command}: {printable(message)}", file=sys.stderr)


__all__ = ["guarded", "printable", "EXIT_OK", "EXIT_BUG", "EXIT_INPUT", "EXIT_RUN_FAILED", "EXIT_INTERRUPTED"]
