"""The network side of reading news: URLs in their stored spelling (urls.py), robots.txt
(robots.py), a polite HTTP client (client.py), pages and feeds into Articles (gather.py), and
what a feed answered last (validators.py). Nothing is fetched but what the user lists. Import
the modules themselves: the HTTP client is not loaded by commands that fetch nothing."""
