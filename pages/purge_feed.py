"""The page cache generation in each process's memory, kept current by a Redis pub/sub channel.

Every page cache hit needs the current generation (pages/cache.py): reading it from Redis cost one round
trip per request, more than the rest of a hit. Instead, each process keeps it in memory while a daemon thread
of that process is subscribed to a channel that every purge publishes to:

1. the thread subscribes and waits for Redis to confirm the subscription;
2. only then it reads the generation key, so a purge made before the subscription is in the value read and
   one made after it arrives as a message (nothing falls between the two);
3. on each message it reads the key again (the message is only a signal: a value read after the message is
   never older than the purge that sent it, whatever order messages of concurrent purges arrive in);
4. and it reads the key once a second anyway, so a message that never came (a purge whose publish failed,
   the generation key evicted and created anew) costs at most a second, as a lost purge message would.

Redis confirms a re-subscription too, and the thread reads the key again then. A purge in this process also
writes the number its ``INCR`` returned straight into memory, so the process's own next request sees it
without waiting for the message; other processes and servers see it as soon as the message arrives (well
under a millisecond on one network, the same window as a request that read the key just before a purge).

While the thread is not subscribed (starting, Redis unreachable, the connection found dead, a cache that is
not django-redis such as the local memory cache of tests and development) ``current()`` returns None and the
caller reads the key per request, as before. The thread's connection has no automatic retry (an error ends
the subscription at once, never a silent reconnection that could miss a purge) and is checked with a PING
after each second without traffic: a connection that does not answer within ``DEAD_AFTER`` seconds is
dropped, so a server cut off from Redis stops trusting its copy within that time, and renders pages afresh
like every other process without Redis.

The thread is started lazily, by the first request of a process, so gunicorn's master (``preload_app``)
never runs one and each forked worker starts its own.
"""

import logging
import os
import threading
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

CHANNEL = "pagecache:purged"
IDLE_PING = 1.0  # seconds without a message before the thread PINGs
DEAD_AFTER = 3.0  # seconds without any answer (message or PONG) before the connection counts as dead
RETRY_AFTER = 1.0  # seconds between attempts to subscribe again
REREAD_EVERY = 1.0  # seconds between reads of the key even without a message


def redis_client():
    """The django-redis client of the default cache (its primary), or None for any other cache backend."""
    client = getattr(cache, "client", None)
    get_client = getattr(client, "get_client", None)
    if get_client is None:
        return None
    return get_client(write=True)


def channel_name():
    return cache.make_key(CHANNEL)


def publish(generation):
    """Tell every subscribed process that the generation is now ``generation`` (pages.cache.purge)."""
    feed.note(generation)
    client = redis_client()
    if client is not None:
        client.publish(channel_name(), str(generation))


class Feed:
    """This process's copy of the generation and the thread that keeps it (see the module doc)."""

    def __init__(self, client_factory=redis_client, key_factory=None, channel_factory=channel_name):
        self._client_factory = client_factory
        self._key_factory = key_factory
        self._channel_factory = channel_factory
        self._lock = threading.Lock()
        self._pid = None
        self._thread = None
        self._stop = threading.Event()
        # value, _subscribed and _noted change together under _value_lock: a purge noted here is never
        # overwritten by a read that started before it, and never brings a value back once unsubscribed.
        self._value_lock = threading.Lock()
        self._subscribed = False
        self._noted = 0
        self.value = None
        self.subscriptions = 0  # confirmed (re)subscriptions since start: for tests and logs
        self.failures = 0  # subscriptions lost or never made

    def current(self):
        """The generation while subscribed, else None (the caller then reads the key itself)."""
        if self._pid != os.getpid():
            self._start()
        return self.value

    def note(self, generation):
        """A purge in this process: its own next request sees the new generation at once."""
        with self._value_lock:
            if self._subscribed and generation is not None:
                self.value = generation
                self._noted += 1

    def _unsubscribed(self):
        with self._value_lock:
            self._subscribed = False
            self.value = None

    def _store_read(self, generation, noted):
        """Keep a value read while subscribed, unless a purge was noted here after the read began."""
        with self._value_lock:
            self._subscribed = True
            if self._noted == noted:
                self.value = generation

    def stop(self):
        """End the thread (tests; a process that exits just leaves the daemon thread)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=DEAD_AFTER + 2)
        self._unsubscribed()

    def _start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            # A forked child inherits the parent's value but not its thread: start from nothing.
            self._value_lock = threading.Lock()
            self._unsubscribed()
            self._pid = os.getpid()
            self._stop = threading.Event()
            try:
                client = self._client_factory()
            except Exception as error:  # noqa: BLE001 - no Redis at start-up: per-request reads, as before
                logger.warning("Page cache purge feed unavailable: %s", error)
                return
            if client is None:
                return
            self._thread = threading.Thread(
                target=self._run, args=(client, self._stop), name="pagecache-purge-feed", daemon=True
            )
            self._thread.start()

    def _key(self):
        if self._key_factory is not None:
            return self._key_factory()
        from pages.cache import GENERATION_KEY

        return cache.make_key(GENERATION_KEY)

    def _run(self, client, stop):
        connection_client = None
        while not stop.is_set():
            subscriptions = self.subscriptions
            try:
                connection_client = connection_client or _without_retries(client)
                self._follow(connection_client, stop)
            except Exception as error:  # noqa: BLE001 - any trouble: per-request reads until subscribed again
                self._unsubscribed()
                self.failures += 1
                # Once per loss (a subscription that had worked) and at the first failure, not every retry.
                level = logging.WARNING if self.subscriptions > subscriptions or self.failures == 1 else logging.DEBUG
                logger.log(level, "Page cache purge feed lost (%s); reading the generation per request.", error)
            self._unsubscribed()
            stop.wait(RETRY_AFTER)

    def _follow(self, client, stop):
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self._channel_factory())
            subscribed = False
            last_seen = last_read = time.monotonic()
            while not stop.is_set():
                message = pubsub.get_message(timeout=IDLE_PING)
                now = time.monotonic()
                read = False
                if message is not None:
                    last_seen = now
                    kind = message.get("type")
                    if kind == "unsubscribe":
                        raise ConnectionError("unsubscribed")
                    if kind == "subscribe":
                        subscribed = True
                        self.subscriptions += 1
                    read = kind in ("subscribe", "message")
                elif now - last_seen >= DEAD_AFTER:
                    raise ConnectionError(f"no answer from Redis for {DEAD_AFTER:.0f} s")
                else:
                    pubsub.ping()  # its PONG arrives as a message: the subscription is alive
                # Subscribed, a purge's message, or a second since the last read (a lost message or a purge
                # whose publish failed costs at most that second).
                if subscribed and (read or now - last_read >= REREAD_EVERY):
                    noted = self._noted
                    self._store_read(self._read(client), noted)
                    last_read = now
        finally:
            self._unsubscribed()
            try:
                pubsub.close()
            except Exception:  # noqa: BLE001, S110 - closing a dead connection may fail too
                pass

    def _read(self, client):
        """The generation key's value, created as pages.cache.current_generation() creates it when missing."""
        from pages.cache import initial_generation

        key = self._key()
        raw = client.get(key)
        if raw is None:
            client.set(key, initial_generation(), nx=True)
            raw = client.get(key)
            if raw is None:
                raise ConnectionError("the generation key could not be stored")
        return int(raw)


def _without_retries(client):
    """A client on its own connections to the same server, without redis-py's automatic reconnection."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    pool = client.connection_pool
    kwargs = {key: value for key, value in pool.connection_kwargs.items() if key not in ("retry", "retry_on_error")}
    kwargs["retry"] = Retry(NoBackoff(), 0)
    new_pool = type(pool)(connection_class=pool.connection_class, max_connections=4, **kwargs)
    return redis.Redis(connection_pool=new_pool)


feed = Feed()


def current():
    return feed.current()
