# The negotiator's report of `passage simulate search`, in English.
# Placeables that hold figures ($frontier, $low, ...) arrive already written as the
# language writes numbers; those ending in _count are the same numbers, for plural forms.

report-title = Regimes worth discussing: search { $name }
report-other-languages = This report in other languages:
report-summary = { $frontier_count ->
    [one] { $frontier } regime is
   *[other] { $frontier } regimes are
} on the frontier of { $candidates } candidates: for each of them, no other candidate is better on every objective at once.
report-method = The candidates were drawn { $drawn }. { $screening } replications screened and refined them with common random numbers (the same arrivals and the same draws in every regime, so differences come from the regimes), over { $rounds } refinement rounds; { $confirmation } more replications confirmed the frontier with the domain core in the loop. Every regime shown is one the core accepts, and every figure is the core's.
report-drawn-grid = as every combination of the settings
report-drawn-latin-hypercube = as a Latin hypercube over the settings
report-drawn-random = at random over the settings
report-figures-note = Each figure is the mean over replications ± the half-width of its 95% confidence interval.

report-section-reading = What it means
report-reading-no-best = No regime on the frontier is better than the others on every objective: choosing among them is choosing who gains and who pays.
report-reading-one = Only one regime is on the frontier: it is at least as good as every other candidate on every objective.
report-reading-range = { $figure }: from { $low } to { $high } across the frontier.
report-reading-tradeoff = The regime that catches the most irregular units (candidate { $caught_candidate }, { $caught_share } %) has a truck transit time of { $caught_hours } h at the 95th percentile, against { $fast_hours } h for the fastest (candidate { $fast_candidate }, { $fast_share } % caught).
report-reading-party = { $party }: a net { $low } to { $high } { $currency } a year across the frontier (what it receives less what its staff and equipment cost).
report-reading-carriers = Carriers: { $low } to { $high } { $currency } a year in fees paid and time spent waiting, across the frontier.
report-reading-caveat = These are the simulator's figures for the demand the search assumed: not a forecast. They hold as far as the assumptions below hold.

report-section-frontier = The frontier
report-frontier-intro = Each row is a regime on the frontier, with its settings and its figures on the search's objectives. Its regime file, ready for `passage regime propose`, is in the folder regimes.
report-chart-title = Truck transit time (95th percentile) against the share of irregular units caught
report-chart-x = irregular units caught (%)
report-chart-y = truck transit time, 95th percentile (h)
report-column-candidate = Candidate
report-column-settings = Settings
report-better-low = lower is better
report-better-high = higher is better

report-section-parties = Who gains and who pays
report-parties-intro = Each party's money per year in { $currency }, side by side for each regime: what it receives, what its staff and its equipment cost, what remains; for carriers, the fees they pay and the value of the time they wait.
report-column-revenue = revenue
report-column-staff = staff
report-column-equipment = equipment
report-column-net = net
report-column-fees-paid = fees paid
report-column-waiting = waiting
report-party-host = host state
report-party-transit = transiting state
report-party-monitor = monitoring mission
report-party-carriers = carriers

report-figure-transit-mean = mean transit time (h)
report-figure-transit-p95 = transit time, 95th percentile (h)
report-figure-caught-share = share of irregular units caught
report-figure-revenue = revenue per year
report-figure-staff-cost = staff cost per year
report-figure-equipment-cost = equipment cost per year
report-figure-incidents = incidents per year
report-figure-overdue = overdue movements per year
report-figure-held = units held per year
report-figure-inspections = physical inspections per day
report-figure-of-class = { $figure }, { $class }
report-class-truck = trucks
report-class-train = trains

report-section-assumptions = Assumptions and their sources
report-assumptions-intro = The money figures rest on these values. Those marked as assumptions have no published source. Each basis is quoted as the search file gives it.
report-column-what = What
report-column-value = Value
report-column-basis = Basis
report-label-assumption = assumption
report-label-source = source
report-assumption-exchange = one { $from } in { $currency }
report-assumption-truck-hour = a truck-hour of the carrier's time ({ $currency })
report-assumption-train-hour = a train-hour of the carrier's time ({ $currency })
report-assumption-wage = an officer's hour, { $staff } ({ $currency })
report-assumption-equipment = equipment of one { $resource } per year ({ $currency })

report-section-uncertainty = How sure the figures are
report-uncertainty-settled = Every pair of regimes near the frontier was run until, on each objective, their difference was either larger than the noise or smaller than the least difference worth discussing.
report-uncertainty-unsettled = { $pairs_count ->
    [one] { $pairs } pair
   *[other] { $pairs } pairs
} of regimes near the frontier could not be told apart when the budget ran out: where two regimes differ by less than their ± intervals, treat them as equal.
report-indifference-intro = Differences smaller than these count as none:
report-column-objective = Objective
report-column-indifference = Least difference worth discussing

report-section-left-out = Candidates left out
report-left-out = { $refused } candidates were refused or failed at screening and { $dropped } were dropped at confirmation; frontier.json gives each one's reason.
