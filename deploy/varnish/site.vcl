# The site-specific half of default.vcl: edit the addresses for your servers (README "Scaling out").
# Two app servers running gunicorn; /readyz answers 200 while the database and the cache answer.

probe readyz {
    # The Host must be one of DJANGO_ALLOWED_HOSTS; /readyz is never redirected to HTTPS.
    .request = "GET /readyz HTTP/1.1"
               "Host: sos-kyrgyzstan.org"
               "Connection: close";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = readyz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = readyz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

# Who may PURGE and BAN: the app servers (and task workers) that publish, nobody else.
acl purgers {
    "localhost";
    "10.0.0.11";
    "10.0.0.12";
}

sub vcl_init {
    new app_servers = directors.round_robin();
    app_servers.add_backend(app1);
    app_servers.add_backend(app2);
}
