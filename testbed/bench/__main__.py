import sys

from testbed.bench import main

sys.exit(main())
