from nashra.entry import main

raise SystemExit(main())
