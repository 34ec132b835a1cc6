-- The site's own values: its name, and how money, numbers, dates and lengths are shown (one row).
-- `demo` marks the sample facility with its shared demo logins; `setup_completed_at` is when the
-- first-run setup created the first administrator (NULL for a database filled another way).
-- Money stays integer hundredths of the currency unit whatever the currency: changing it relabels
-- amounts, it does not convert them.
CREATE TABLE site_settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  site_name          TEXT NOT NULL,
  currency           TEXT NOT NULL,
  locale             TEXT NOT NULL,
  time_zone          TEXT NOT NULL,
  units              TEXT NOT NULL CHECK (units IN ('metric', 'imperial')),
  demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  setup_completed_at INTEGER
);

-- A database seeded before this migration has the three documented demo logins; it is the demo.
-- Euro amounts were shown before there were settings, so existing databases keep them.
INSERT INTO site_settings (id, site_name, currency, locale, time_zone, units, demo, setup_completed_at)
SELECT 1, 'Twinventory', 'EUR', 'en-GB', 'UTC', 'metric',
       (SELECT count(*) FROM users WHERE username IN ('technician', 'planner', 'admin')) = 3,
       NULL;
