"""``eventwire watch``: RSS/Atom feeds polled into the event store.

    from eventwire.watch import PoliteFetcher, Watcher, read_feed_list, watch
    with EventStore.open(url) as store:
        watcher = Watcher(store, Pipeline.load(), PoliteFetcher(delay=1.0))
        watch(read_feed_list("feeds.txt"), watcher, interval=600, on_poll=print)
"""

from eventwire.watch.feeds import FeedEntry, parse_feed, read_feed_list
from eventwire.watch.fetch import FetchError, PoliteFetcher, Response
from eventwire.watch.watcher import FeedPoll, Watcher, watch

__all__ = ["FeedEntry", "FeedPoll", "FetchError", "PoliteFetcher", "Response", "Watcher",
           "parse_feed", "read_feed_list", "watch"]
