# The monitoring mission's daily report, rendered by the node as a web page and a PDF.

mission-report-title = Daily report of the monitoring mission, { $day }
mission-report-other-languages = Other languages
mission-report-status-open = The day is not over: these are the log's figures so far, and they may still change.
mission-report-status-to-sign = The day is over; the monitoring mission has not signed its figures yet.
mission-report-status-signed = The monitoring mission signed these figures in entry { $entry }; the core accepted the signature only because they are its own.
mission-report-status-forgotten = The day was never signed, and the log's state no longer keeps its figures.
mission-report-figures-note = Every figure counts the entries the log sequenced on that day (UTC); anyone holding the log recomputes them.
mission-report-summary = { $arrivals } arrivals and { $departures } departures at the posts, { $inspections } inspections, { $incidents } incidents opened, { $contests } contests opened.
mission-report-section-corridor = The corridor as a whole
mission-report-section-posts = At each post
mission-report-chart-title = Arrivals and departures at each post
mission-report-column-post = Post
mission-report-column-figure = Figure
mission-report-column-detail = Detail
mission-report-column-value = Value
mission-report-nothing = Nothing was counted on that day.
mission-report-hours = { $figure } (hours)

mission-figure-arrivals = Arrivals
mission-figure-departures = Departures
mission-figure-dwell-total = Time the departed movements spent at the post
mission-figure-dwell-longest = Longest stay of a movement at the post
mission-figure-inspections = Inspections
mission-figure-holds-started = Holds begun
mission-figure-holds-ended = Holds ended
mission-figure-hold-total = Time the ended holds lasted
mission-figure-hold-longest = Longest hold
mission-figure-incidents-opened = Incidents opened
mission-figure-incidents-closed = Incidents closed
mission-figure-observations = Monitors' observations
mission-figure-dissents = Monitors' dissents
mission-figure-contests-opened = Contests opened
mission-figure-contests-answered = Contests answered
mission-figure-contests-overdue = Contests unanswered in time
mission-figure-automatic-incidents = Automatic incidents opened

mission-detail-route = route { $route }
mission-detail-inspection = { $lane }, { $outcome }
mission-lane-green = green lane
mission-lane-yellow = yellow lane
mission-lane-red = red lane
mission-outcome-conform = goods conform
mission-outcome-minor = minor discrepancy
mission-outcome-major = major discrepancy
