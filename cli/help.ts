/** Help texts: kept next to each other so they stay consistent; README.md repeats them. */

export const MAIN_HELP = `iamlp — least-privilege IAM policy drafts from what AWS principals actually do

Usage: iamlp <command> [options]

Commands:
  analyze    read CloudTrail logs and write an analysis (usage per principal, action and resource)
  generate   draft IAM policies (JSON) or a SARIF report from an analysis
  simulate   replay recorded calls against the current and a proposed policy; write diff.md
  replay     send CloudTrail records to a Kinesis stream as EventBridge would deliver them
  dev        run the streaming pipeline locally (Kinesis, consumer, DynamoDB emulated in memory)

Options:
  -h, --help       show help (also: iamlp <command> --help)
  -v, --version    show the version

Examples:
  iamlp analyze --input AWSLogs/ --out artifacts/analysis.json
  iamlp generate --principal arn:aws:iam::111122223333:role/app --out policy.json
  iamlp generate --format sarif --out iamlp.sarif
  iamlp simulate --policy policy.json --baseline current.json --out diff.md
  iamlp replay fixtures/real --stream iamlp-events --rate 100
  iamlp dev --rate 500

Exit codes: 0 success, 1 bad input or environment, 2 bad or ambiguous command line,
141 stdout closed early by its reader (e.g. piped into head).
`;

export const ANALYZE_HELP = `Usage: iamlp analyze --input PATH... [options]

Reads CloudTrail records and writes an analysis JSON (format: docs/ANALYSIS.md).

Input formats (detected from content): CloudTrail log files {"Records":[...]} (.json, .json.gz),
JSON Lines (.jsonl, .ndjson, gzipped too), a single event, an array of events, EventBridge events
("detail-type": "AWS API Call via CloudTrail"), 'aws cloudtrail lookup-events' output. Directories are
read recursively (CloudTrail digest files are skipped); '-' reads stdin.

Options:
  -i, --input PATH...   files, directories or '-' (also: iamlp analyze PATH...)
  -o, --out PATH        where to write the analysis (default: artifacts/analysis.json)
      --start ISO       ignore events before this time (date or date-time, UTC)
      --end ISO         ignore events after this time (a date means the end of that day)
      --workers N|auto  worker threads (default 1; auto: every core for inputs over 32 MB,
                        faster where cores are free, one heap per worker)
  -c, --config PATH     config file (default: ./iamlp.yml when present)
  -q, --quiet           no summary on stderr
  -h, --help            show this help

Malformed records are counted and sampled in the analysis ("quarantine"), never fatal; a file that is
not valid JSON is reported on stderr with its name and line and makes the exit code 1 after the
other files are analysed.
`;

export const GENERATE_HELP = `Usage: iamlp generate [options]

Drafts least-privilege IAM policies from an analysis.

Options:
  -a, --analysis PATH          analysis written by 'iamlp analyze' (default: artifacts/analysis.json)
  -p, --principal ARN          principal to draft for: full ARN, or a unique name such as a role name
      --all                    draft for every draftable principal (JSON: an object keyed by ARN)
      --mode MODE              resources (default): scope to the resources used; actions: Resource "*"
      --format FORMAT          json (default): IAM policy document; sarif: SARIF 2.1.0 findings report
      --allow-actions P...     keep only actions matching these patterns (s3:*, iam:Get*, *:List*)
      --exclude-actions P...   drop actions matching these patterns
      --start ISO, --end ISO   only usage in this time range (UTC days)
      --collapse-objects N     replace more than N S3 object ARNs in a bucket by a prefix wildcard
                               (default 25; 0 keeps every object ARN)
      --no-conditions          omit the kms:ViaService / iam:PassedToService conditions
      --include-service-roles  also draft for service-linked roles and AWS services
  -o, --out PATH               write to a file instead of stdout
  -c, --config PATH            config file (default: ./iamlp.yml when present)
  -h, --help                   show this help

A policy larger than the 6,144-character managed-policy limit is split into several documents;
the output is then a JSON array of documents. Notes about "*" fallbacks and excluded actions go to
stderr. With several draftable principals and neither --principal nor --all, exits 2 listing them.
`;

export const SIMULATE_HELP = `Usage: iamlp simulate --policy PROPOSED.json [options]

Replays every recorded call of a principal (successes and denials) against its current policies and a
proposed policy with iamlp's own IAM policy evaluator, and writes a report: allowed action delta, resource
concreteness, AccessDenied change, high-risk permission reductions, and regressions (successful calls the
proposal would deny). Method and definitions: docs/SIMULATE.md.

Options:
  -a, --analysis PATH      analysis written by 'iamlp analyze' (default: artifacts/analysis.json)
      --policy PATH        proposed policy: a document, an array of documents, or 'iamlp generate --all'
                           output (the principal's entry is used)
      --baseline PATH      current policies, same formats as --policy
      --granted PATH       current policies from an 'aws iam get-account-authorization-details' snapshot
                           (inline, managed and group policies, and the permissions boundary)
  -p, --principal ARN      principal to simulate: full ARN or a unique name (default: the only one)
      --cases PATH         JSON with request context, SCP levels, a permissions boundary and extra cases
                           (format: docs/SIMULATE.md)
  -o, --out PATH           where to write the report (default: artifacts/diff.md, artifacts/diff.json
                           with --format json; '-' for stdout)
      --format FORMAT      md (default) or json
      --aws                also ask IAM SimulateCustomPolicy about the proposal and report disagreements
                           (default credential chain; needs iam:SimulateCustomPolicy)
      --region R           region to sign IAM requests for (default us-east-1; with --aws)
      --endpoint URL       IAM endpoint (with --aws)
      --fail-on-regression exit 1 when a regression or an unexpected case is found (for CI)
  -q, --quiet              no summary on stderr
  -h, --help               show this help

Without a baseline, the recorded outcome of each call serves as "before". A recorded resource of "*"
(unknown) keeps its recorded outcome unless the policies decide otherwise for every resource: a successful
call stays allowed if the action is allowed on some resource, a denied call stays denied unless it is
allowed on "*".
`;

export const REPLAY_HELP = `Usage: iamlp replay --input PATH... [options]

Sends CloudTrail records to a Kinesis stream exactly as an EventBridge rule delivers them to a Kinesis
target: each record is wrapped in an EventBridge event ("detail-type": "AWS API Call via CloudTrail",
source aws.<service>, a fresh event id) with partition key detail.eventID, so copies of one event land
on one shard. EventBridge events in the input are sent as they are. Reads the same formats as analyze.

Where to send, first match wins:
  --endpoint URL                 a Kinesis API such as kinesalite (needs --stream)
  artifacts/dev-stack.json       written by 'iamlp dev': its Kinesis endpoint and stream (--stream overrides)
  AWS                            default credential chain and region; --stream is required

Options:
  -i, --input PATH...   files, directories or '-' (also: iamlp replay PATH...)
      --stream NAME     Kinesis stream name ([a-zA-Z0-9_.-], 1 to 128 characters)
      --endpoint URL    Kinesis endpoint, e.g. http://127.0.0.1:4567
      --region R        AWS region (default: the SDK's region chain; us-east-1 with --endpoint)
      --rate N          at most N records per second (default: as fast as Kinesis accepts)
      --loop            replay the inputs again and again until Ctrl-C. Identical eventIDs would be
                        deduplicated downstream, so every pass after the first replaces each eventID by a
                        UUIDv5 derived from it and the pass number (copies within a pass stay copies) and
                        sets eventTime to the time of sending, so the dashboard keeps moving
  -q, --quiet           no progress or summary on stderr
  -h, --help            show this help

Records are sent with PutRecords in requests of at most 500 records and 5 MiB. A record over the 1 MiB
Kinesis record limit is skipped with a warning naming its file and line. Only the records Kinesis
throttles or fails are resent, with exponential backoff and jitter, up to 10 attempts; records still
not delivered stop the replay with exit code 1. Ctrl-C stops after the request in flight, prints the
summary and exits 130; a second Ctrl-C quits at once.
`;

export const DEV_HELP = `Usage: iamlp dev [options]

Runs the whole system on this machine, no AWS account needed: a Kinesis API (kinesalite) and a
DynamoDB API (dynalite) in this process on 127.0.0.1, the stream 'iamlp-local' (2 shards), the usage and
state tables, the consumer (with high-risk alerts) driven by a local event source mapping with the settings
the deployed one uses (batches of up to 1,000 records, 1 s batching window, bisect on error, partial
batch responses, 10 retries, records up to 1 hour old; records given up on are logged and counted), and
the API with the web dashboard on 127.0.0.1, protected by a random bearer token: open the 'Dashboard:'
URL it prints on stdout (the token travels in the URL's #fragment). Unless --no-replay,
it replays the fixtures into the stream (first pass at --rate), then again and again with fresh eventIDs
at --loop-rate, so the data keeps moving; it waits whenever the consumer is more than 5,000 records behind.
Everything is in memory: stopping it discards the data, a restart starts empty, and kinesalite keeps every
record it was sent (about 3.5 KB each: ~35 MB for the first pass, then ~250 MB an hour at the default
--loop-rate of 20).

Writes artifacts/dev-stack.json (endpoints, stream, tables, apiUrl, token, pid) while it runs, so that
'iamlp replay PATH' finds the stream without --endpoint; removes it on exit.

Drift (granted versus used) compares usage with an 'aws iam get-account-authorization-details' snapshot:
--granted FILE, or api.grantedSnapshot in iamlp.yml; by default the bundled snapshot of the fixture
principals (fixtures/granted/authorization-details.json) when it is there.

Options:
      --no-replay         replay nothing; send records yourself with 'iamlp replay PATH'
      --rate N            replay at most N records per second (default 200)
      --loop-rate N       average records per second of the passes after the first (default 20)
  -i, --input PATH...     what to replay (default: fixtures/real fixtures/edge)
      --kinesis-port P    Kinesis API port (default: a free one)
      --dynamodb-port P   DynamoDB API port (default: a free one)
      --api-port P        API and dashboard port (default: api.port in iamlp.yml, else a free one)
      --no-api            run the pipeline only, without the API and dashboard
      --granted FILE      granted-permissions snapshot for drift (see above)
      --alert-webhook URL also POST each high-risk alert to this URL
  -c, --config FILE       config file (default: iamlp.yml if present)
  -q, --quiet             only warnings and errors on stderr
  -h, --help              show this help

Prints the endpoints, then a status line (refreshed on a terminal, every 5 s otherwise): records replayed,
batches, calls applied, duplicates dropped, quarantined, DynamoDB writes, iterator age. Ctrl-C (or
SIGTERM) stops the replay, lets the consumer finish its in-flight batches, prints a summary and exits 0;
a second Ctrl-C quits at once (130). A port in use or another 'iamlp dev' in this directory exits 1.
`;
