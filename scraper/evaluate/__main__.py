import sys

from scraper.evaluate import main

sys.exit(main())
