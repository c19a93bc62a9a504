# Varnish 7 in front of the SOS Kyrgyzstan app servers (README "Scaling out").
#
# - Caches only what the app marks "Cache-Control: public, s-maxage=…" (anonymous public pages, see
#   pages/frontend_cache.py), for s-maxage; everything else (admin, forms, thank-you pages, anyone with a
#   session, 404s, redirects, POSTs) goes to an app server every time.
# - PURGE <url> drops one URL (all its variants); BAN with "X-Ban-Url: <regex>" drops every cached response of
#   the Host whose path matches. Both only from the addresses in acl "purgers" (the app servers), else 405.
# - Round-robin over the app servers of site.vcl, each probed on /readyz; a GET or HEAD whose server fails
#   (refuses, times out, answers 5xx or dies before the whole page is sent) is tried again on the next one, and
#   while every server is down cached pages are served stale (grace).
#
# Site-specific parts (backend addresses, the purgers' addresses, the Host of the health probe) live in
# site.vcl, looked up in varnishd's vcl_path (default /etc/varnish): copy deploy/varnish/site.vcl.example there as
# site.vcl and edit it (tests and scripts/cluster-check write their own and pass -p vcl_path=<its folder>).
vcl 4.1;

import directors;

include "site.vcl";

sub vcl_recv {
    set req.backend_hint = app_servers.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Ban-Url) {
            set req.http.X-Ban-Url = ".";
        }
        # Lurker-friendly: matches on the object's own x-host / x-url copies, not on a request.
        ban("obj.http.x-host == " + req.http.host + " && obj.http.x-url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|documents)(/|$)" || req.url ~ "^/(healthz|readyz)$") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A session (signed-in staff, a preview) or flash messages: the page is that person's own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (csrftoken of a visitor who saw a form) do not change a public page: keep them out of the
    # lookup, and hand them back to the app server on a miss (vcl_backend_fetch) so its forms keep working.
    if (req.http.Cookie) {
        set req.http.X-Sos-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.retries > 0) {
        # A retry goes to the next healthy app server, not the one that just failed.
        set bereq.backend = app_servers.backend();
    }
    if (bereq.http.X-Sos-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Sos-Cookie;
        unset bereq.http.X-Sos-Cookie;
    }
}

sub vcl_backend_response {
    # Copies for bans (see vcl_recv), removed again in vcl_deliver.
    set beresp.http.x-host = bereq.http.host;
    set beresp.http.x-url = bereq.url;

    # Pages are fetched whole before the visitor gets a byte (no streaming). If the app server dies mid-body,
    # Varnish 7.1 then fails the fetch before delivery and calls vcl_backend_error (cache_fetch.c: a body error
    # without do_stream is F_STP_ERROR, with it the already-started response is cut short), whose retry asks the
    # next app server: the visitor gets the whole page from it, never a truncated one. Pages are small HTML.
    # /documents/ and /media/ (uploads, any size: a report PDF, a video) keep streaming, so a large download
    # starts at once and is not held in Varnish's memory; one cut off when its app server dies stays cut off
    # (the client sees a broken download and can try again). The admin (passed, never retried: exports and
    # reports of any size) streams too.
    if (bereq.url !~ "^/(documents|media|admin)/" && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set beresp.do_stream = false;
    }

    if (beresp.status >= 500 && bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control !~ "s-maxage="
        || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        # Not for a shared cache: the next request goes to an app server too (hit-for-miss).
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Public pages may say "Vary: Cookie" because something asked whether anyone is signed in; requests that
    # reach this cache carry no session, so the answer is the same for all of them.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # The TTL comes from s-maxage; while every app server is down the last copy is served for up to a day.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_backend_error {
    # Connection refused or timed out, or the app server closed the connection before the whole page arrived
    # (see do_stream above): try the next app servers (GET and HEAD only). Until the probe has marked
    # a dead server sick, the round robin may hand it out again to a retry, hence up to three tries.
    if (bereq.retries < 3 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    if (obj.uncacheable) {
        set resp.http.X-Proxy-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Proxy-Cache = "hit";
    } else {
        set resp.http.X-Proxy-Cache = "miss";
    }
}
