package org.centrik.demo;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.demo.DemoNetwork.Counts;
import org.centrik.demo.DemoNetwork.Summary;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Loads the demo network before the server reports ready. Start-up is the one place that
 * may wait for it: a user who opens the UI at once should find the network there.
 */
class DemoNetworkRunner implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoNetworkRunner.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.systemDefault());

	private final DemoNetwork demoNetwork;

	private final DemoAccounts accounts;

	DemoNetworkRunner(DemoNetwork demoNetwork, DemoAccounts accounts) {
		this.demoNetwork = demoNetwork;
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		Summary summary = this.demoNetwork.load().block(TIMEOUT);
		logger.info(describe(summary, Duration.ofNanos(System.nanoTime() - started)));
		this.accounts.ensure(summary).block(TIMEOUT);
		logger.info(
				"Demo accounts (password «" + DemoAccounts.PASSWORD + "»): " + String.join(", ", DemoAccounts.LOGINS));
	}

	static String describe(Summary summary, Duration took) {
		Counts counts = summary.counts();
		String live = "; live now: «" + summary.liveEvent().title() + "» until "
				+ TIME.format(summary.liveEvent().endsAt())
				+ (summary.liveEvent().openedNow() ? " (opened now)" : " (already running)");
		if (!summary.loadedNow()) {
			return "Demo network «" + summary.name() + "» already loaded on " + TIME.format(summary.loadedAt()) + live;
		}
		return "Demo network «" + summary.name() + "» loaded in " + took.toMillis() + " ms: " + counts.organisations()
				+ " organisations, " + counts.teachers() + " teachers, " + counts.practices() + " practices, "
				+ counts.requests() + " requests, " + counts.events() + " events, " + counts.participations()
				+ " participations" + live;
	}

}
