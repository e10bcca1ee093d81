from letopis.fetch.urls import canonical, host_of, is_url


def test_one_spelling_per_page():
    assert canonical("HTTP://Example.ORG:80/news/1.html?utm_source=rss&id=5&fbclid=x#comments") == \
        "http://example.org/news/1.html?id=5"
    assert canonical("https://example.org") == "https://example.org/"
    assert canonical("https://example.org:8443/a?b=1&b=2") == "https://example.org:8443/a?b=1&b=2"
    assert canonical(canonical("http://[::1]:8000/x?utm_medium=feed")) == "http://[::1]:8000/x"
    assert canonical(" http://[::1/x ") == "http://[::1/x" and canonical("http://a:99999/") == "http://a:99999/"


def test_urls_and_hosts():
    assert is_url("https://t.me/x/1") and is_url("HTTP://a") and not is_url("news/1.html")
    assert host_of("http://127.0.0.1:8000/a/b") == host_of("http://127.0.0.1:8000/c") != host_of("http://127.0.0.1:8001/")
