import sys

from testbed.evaluate import main

sys.exit(main())
