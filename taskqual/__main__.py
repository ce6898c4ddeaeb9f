from taskqual.cli import main

raise SystemExit(main())
