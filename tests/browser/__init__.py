"""Browser tests of the web workspace (Playwright driving Debian's Chromium)."""
