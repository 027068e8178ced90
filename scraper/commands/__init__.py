"""The project's Scrapy commands (``COMMANDS_MODULE``): ``scrapy crawl`` with its settings
checked as ``police-archive crawl --set`` checks them."""
