package org.centrik.live;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Starts and stops the live core's moving parts: the sequencer, the fan-out, the LISTEN
 * connection and the pruning of old changes.
 */
@Component
@EnableConfigurationProperties(LiveProperties.class)
class LiveCore implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LiveCore.class);

	private final Sequencer sequencer;

	private final Fanout fanout;

	private final ChangeListener listener;

	private final DatabaseClient database;

	private final LiveProperties properties;

	private volatile boolean running;

	private Disposable pruning;

	LiveCore(Sequencer sequencer, Fanout fanout, ChangeListener listener, DatabaseClient database,
			LiveProperties properties) {
		this.sequencer = sequencer;
		this.fanout = fanout;
		this.listener = listener;
		this.database = database;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.sequencer.deliverTo(this.fanout);
		this.fanout.start();
		this.sequencer.start();
		this.listener.start(this.fanout);
		this.sequencer.wake();
		this.pruning = Flux.interval(Duration.ofMinutes(1))
			.concatMap((tick) -> prune(this.properties.retention()).onErrorResume((ex) -> {
				logger.warn("Pruning the change log failed: " + ex.getMessage());
				return Mono.empty();
			}))
			.subscribe();
		this.running = true;
	}

	/**
	 * Deletes changes older than the retention; resuming from before them gives a
	 * snapshot.
	 */
	Mono<Long> prune(Duration retention) {
		return this.database.sql("""
				with gone as (
				    delete from change_log
				    where seq is not null and created_at < now() - make_interval(secs => :seconds)
				      and seq < (select position from change_log_head)
				    returning seq
				)
				update change_log_head set pruned_through = greatest(pruned_through, (select max(seq) from gone))
				where exists (select 1 from gone)
				returning pruned_through
				""")
			.bind("seconds", (double) retention.toSeconds())
			.map((row) -> row.get("pruned_through", Long.class))
			.one();
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.pruning != null) {
			this.pruning.dispose();
		}
		this.listener.stop();
		this.sequencer.stop();
		this.fanout.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
