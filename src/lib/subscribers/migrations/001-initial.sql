-- Heliograph subscribers, version 1: who follows the page, what they follow, and what was sent to
-- whom. Written in the SQL that SQLite and PostgreSQL share. Times are milliseconds since 1970.

-- One row per address. Nothing but the confirmation request is sent while confirmed_at is NULL.
CREATE TABLE subscribers (
  -- Random (base64url); links name this id, never the address.
  id TEXT PRIMARY KEY,
  -- Lower-cased, so that one person is one row.
  email TEXT NOT NULL UNIQUE,
  -- The language of every e-mail to this address: en, it or fr.
  locale TEXT NOT NULL,
  -- How the address came: the page's form, or an import.
  source TEXT NOT NULL CHECK (source IN ('form', 'import')),
  created_at BIGINT NOT NULL,
  -- When they asked to subscribe (form), or the consent the import recorded.
  consent_at BIGINT,
  -- When the confirmation link was used (or the import's record of it).
  confirmed_at BIGINT
);

-- The components a subscriber follows; none means every component.
CREATE TABLE subscriber_components (
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  component TEXT NOT NULL,
  PRIMARY KEY (subscriber_id, component)
);
CREATE INDEX subscriber_components_by_component ON subscriber_components (component);

-- Events received from `npm run notify`, once each, with their e-mail text in every language.
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  url TEXT NOT NULL,
  -- JSON: { "en": { "subject", "body" }, "it": …, "fr": … }
  email TEXT NOT NULL,
  received_at BIGINT NOT NULL
);

-- The components an event touches; none means the whole page.
CREATE TABLE event_components (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  component TEXT NOT NULL,
  PRIMARY KEY (event_id, component)
);

-- One row per message to send: an event for a subscriber, or a confirmation request. The primary
-- key makes each (message, subscriber) unique, so recording an event twice sends nothing twice.
CREATE TABLE deliveries (
  -- An event id, or `confirm:<ms>` for a confirmation request (a colon is never in an event id).
  message TEXT NOT NULL,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'confirm')),
  created_at BIGINT NOT NULL,
  -- Not sent before this time (retries wait here).
  due_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- When the SMTP server accepted it.
  sent_at BIGINT,
  -- When it was given up (a permanent refusal, or attempts used up), with why.
  failed_at BIGINT,
  error TEXT,
  PRIMARY KEY (message, subscriber_id)
);
-- The sender's order (due_at, created_at, message), over waiting rows only: each claim reads the
-- first rows of this index instead of sorting every delivery.
CREATE INDEX deliveries_due ON deliveries (due_at, created_at, message)
  WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX deliveries_by_subscriber ON deliveries (subscriber_id);
