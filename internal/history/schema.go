package history

// ApplicationID marks a SQLite file as a vet history (PRAGMA application_id): "VETH".
const ApplicationID = 0x56455448

// migrations bring a history from one schema version to the next: migrations[i] takes a file
// at user_version i to i+1. Append only; never edit a step once released. The comments stay in
// the file (`.schema` shows them), for whoever opens it in a SQLite client.
var migrations = []string{
	// 1: snapshots, their accounts and their posts.
	`CREATE TABLE snapshots (
	id          INTEGER PRIMARY KEY,
	title       TEXT    NOT NULL, -- the report's title (--title); '' when none was given
	as_of       TEXT    NOT NULL, -- the day the run was scored as of, 'YYYY-MM-DD HH:MM:SS' UTC
	created_at  TEXT    NOT NULL, -- when the run was written, 'YYYY-MM-DD HH:MM:SS' UTC
	vet_version TEXT    NOT NULL, -- the vet that wrote it
	inputs      TEXT    NOT NULL, -- the files read, one per line
	accounts    INTEGER NOT NULL, -- accounts scored
	posts       INTEGER NOT NULL, -- posts used (each video once); the posts table keeps the windows'
	UNIQUE (title, as_of)         -- a rerun of the same title and as-of replaces its snapshot
);
CREATE TABLE accounts (
	snapshot_id          INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
	handle               TEXT    NOT NULL, -- as the export wrote it
	handle_key           TEXT    NOT NULL, -- folded for matching: lower case, no @
	rank                 INTEGER NOT NULL, -- 1 is the top of the report
	followers            INTEGER,          -- NULL when unknown
	tier                 TEXT,             -- NULL under the first tier
	posts_in_window      INTEGER NOT NULL,
	follower_er          REAL,             -- percent: 6.4 means 6.4%; NULL when there is none
	median_view_er       REAL,             -- percent
	pooled_view_er       REAL,             -- percent
	ratio                REAL,             -- the compared ER / the tier benchmark
	verdict              TEXT    NOT NULL, -- PASS, REVIEW, FAIL or UNRATED
	confidence           TEXT,             -- firm, borderline or thin
	signals              TEXT    NOT NULL, -- signal codes raised, comma separated
	reason               TEXT    NOT NULL, -- the report's one-line reason
	days_since_last_post INTEGER,
	median_views         REAL,
	avg_views            REAL,
	view_rate            REAL,             -- median views ÷ followers, percent
	posts_per_week       REAL,
	sponsored_posts      INTEGER NOT NULL,
	sponsored_share      REAL,             -- percent of the window's posts
	paid_er_ratio        REAL,
	save_rate            REAL,             -- percent of views
	share_rate           REAL,             -- percent of views
	price                REAL,             -- the fee for one sponsored post (accounts file)
	cpe                  REAL,             -- price per engagement
	cpm                  REAL,             -- price per thousand views
	PRIMARY KEY (snapshot_id, handle_key)
) WITHOUT ROWID; -- stored in snapshot order: a snapshot's accounts are read together
CREATE INDEX accounts_by_handle ON accounts (handle_key);
CREATE TABLE posts (
	snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
	post_no     INTEGER NOT NULL, -- 1, 2, … within the snapshot, account by account
	handle      TEXT    NOT NULL, -- as the export wrote it
	video_id    TEXT,             -- NULL when the export gave none
	posted_at   TEXT,             -- 'YYYY-MM-DD HH:MM:SS' UTC; NULL when undated
	views       INTEGER,          -- NULL when missing or hidden
	likes       INTEGER,
	comments    INTEGER,
	shares      INTEGER,
	saves       INTEGER,
	PRIMARY KEY (snapshot_id, post_no)
) WITHOUT ROWID; -- each account's window (the posts its verdict rests on), in snapshot order`,
	// 2: the figures the report showed and the history lacked (internal/figures): the columns
	// of accounts are the figure table's history figures, each under its key.
	`ALTER TABLE accounts ADD COLUMN follower_er_posts INTEGER; -- posts with likes and comments, which follower_er rests on
ALTER TABLE accounts ADD COLUMN view_er_posts INTEGER;     -- posts with views, likes, comments and shares
ALTER TABLE accounts ADD COLUMN benchmark_er REAL;         -- the tier's benchmark ER, percent; NULL without a tier
ALTER TABLE accounts ADD COLUMN grade TEXT;                -- above, below or far_below
ALTER TABLE accounts ADD COLUMN rounded_counts INTEGER;    -- 1 when a count in the window was written rounded (1.2K)
ALTER TABLE accounts ADD COLUMN pinned_out INTEGER;        -- pinned posts left out of the window`,
}

// schemaVersion is the schema this vet writes (PRAGMA user_version).
func schemaVersion() int { return len(migrations) }
