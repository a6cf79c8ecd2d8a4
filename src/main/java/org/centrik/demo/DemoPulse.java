package org.centrik.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.demo.DemoNetwork.LiveEvent;
import org.centrik.shared.TeacherId;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A plausible trickle of check-ins into the demo's live event: a teacher of a member
 * organisation who is not in yet checks in, through the same {@link Attendance#record}
 * path a phone uses. Arrivals come as at a real door, many early and fewer later: the
 * pause before the next one is {@link #pace} (at least the interval, give or take half of
 * it), so that the hall does not run out of newcomers long before the event ends. When
 * the live event ends, the next one opens.
 */
class DemoPulse implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DemoPulse.class);

	private static final Participation.Method[] METHODS = { Participation.Method.QR, Participation.Method.QR,
			Participation.Method.CODE_WORD, Participation.Method.LINK };

	private final DemoNetwork demoNetwork;

	private final DatabaseClient database;

	private final Attendance attendance;

	private final Duration interval;

	private volatile Disposable pulse;

	private volatile Duration next;

	DemoPulse(DemoNetwork demoNetwork, DatabaseClient database, Attendance attendance, Duration interval) {
		this.demoNetwork = demoNetwork;
		this.database = database;
		this.attendance = attendance;
		this.interval = interval;
		this.next = interval;
	}

	@Override
	public void start() {
		this.pulse = Flux.defer(() -> Mono.delay(jittered(this.next)))
			.repeat()
			.concatMap((tick) -> checkInSomeone().onErrorResume((ex) -> {
				logger.warn("Demo pulse skipped a beat: " + ex.getMessage());
				return Mono.empty();
			}))
			.subscribe();
		logger.info("Demo pulse: a check-in into the live demo event about every " + this.interval);
	}

	Mono<Participation> checkInSomeone() {
		return this.demoNetwork.liveNow().flatMap(this::nextTeacher).flatMap((next) -> {
			this.next = pace(this.interval, Duration.between(Instant.now(), next.endsAt()), next.waiting());
			ThreadLocalRandom random = ThreadLocalRandom.current();
			return this.attendance
				.record(next.event(), new TeacherId(next.teacher()), Participation.Role.LISTENER,
						METHODS[random.nextInt(METHODS.length)], UUID.randomUUID(), Instant.now(), "demo-pulse")
				.map(Attendance.Recorded::participation);
		});
	}

	/**
	 * The pause before the next arrival: the time left spread over the teachers still
	 * waiting, a fifth of it (so that most arrive in the first part of the event, and the
	 * number still out falls with the fifth power of the time left: a dashboard moves
	 * every few seconds at first, and for most of the event), never less than the
	 * interval. After the last one the pulse keeps the interval, and waits for the next
	 * event.
	 */
	static Duration pace(Duration interval, Duration timeLeft, long waiting) {
		if (waiting <= 0 || timeLeft.isNegative()) {
			return interval;
		}
		Duration spread = timeLeft.dividedBy(5 * waiting);
		return (spread.compareTo(interval) > 0) ? spread : interval;
	}

	/** A member not in yet, at random, and how many are still out besides. */
	private Mono<Next> nextTeacher(LiveEvent live) {
		return this.database.sql("""
				select t.id, count(*) over () - 1 as waiting from teachers t
				join events e on e.id = :event
				join agreements a on a.organisation_id = t.organisation_id and a.network_id = e.network_id
				     and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)
				where not exists (select 1 from participations p where p.event_id = e.id and p.teacher_id = t.id)
				order by random()
				limit 1
				""")
			.bind("event", live.id().value())
			.map((row) -> new Next(live.id(), live.endsAt(), row.get("id", Long.class), row.get("waiting", Long.class)))
			.one();
	}

	private Duration jittered(Duration pause) {
		long millis = pause.toMillis();
		return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, millis)));
	}

	@Override
	public void stop() {
		if (this.pulse != null) {
			this.pulse.dispose();
			this.pulse = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.pulse != null;
	}

	private record Next(org.centrik.events.EventId event, Instant endsAt, long teacher, long waiting) {
	}

}
