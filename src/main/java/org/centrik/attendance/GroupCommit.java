package org.centrik.attendance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Writes that arrive while one is in flight wait for it, then go together as one
 * statement and one commit. The first write of a quiet moment goes at once (nothing waits
 * for a timer); under a burst each commit carries what arrived during the one before, so
 * the commits per second stop growing with the writes per second.
 * <p>
 * When a batch of several fails, each of its writes is tried again alone, so that one bad
 * write fails by itself and the others are not refused for it.
 *
 * @param <T> one write
 * @param <R> its result
 */
final class GroupCommit<T, R> {

	private final Function<List<T>, Mono<List<Optional<R>>>> writeAll;

	private final int most;

	private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean writing = new AtomicBoolean();

	/**
	 * @param writeAll writes a batch in one statement; answers, in the order of the
	 * batch, each write's result or empty when the write did not happen
	 * @param most the most writes in one batch
	 */
	GroupCommit(Function<List<T>, Mono<List<Optional<R>>>> writeAll, int most) {
		this.writeAll = writeAll;
		this.most = most;
	}

	/** The write's result, or empty when it did not happen, once its batch committed. */
	Mono<R> write(T write) {
		return Mono.create((sink) -> {
			this.waiting.add(new Pending<>(write, sink));
			drain();
		});
	}

	private void drain() {
		while (!this.waiting.isEmpty() && this.writing.compareAndSet(false, true)) {
			List<Pending<T, R>> batch = new ArrayList<>();
			Pending<T, R> next;
			while (batch.size() < this.most && (next = this.waiting.poll()) != null) {
				batch.add(next);
			}
			if (batch.isEmpty()) {
				this.writing.set(false);
				continue;
			}
			write(batch).doFinally((signal) -> {
				this.writing.set(false);
				drain();
			}).subscribe();
			return;
		}
	}

	private Mono<Void> write(List<Pending<T, R>> batch) {
		return Mono.defer(() -> this.writeAll.apply(batch.stream().map(Pending::write).toList()))
			.doOnNext((results) -> {
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).answer(results.get(i));
				}
			})
			.then()
			.onErrorResume((ex) -> (batch.size() == 1) ? Mono.fromRunnable(() -> batch.get(0).sink().error(ex))
					: Flux.fromIterable(batch).concatMap((pending) -> write(List.of(pending))).then());
	}

	private record Pending<T, R>(T write, MonoSink<R> sink) {

		void answer(Optional<R> result) {
			result.ifPresentOrElse(this.sink::success, this.sink::success);
		}

	}

}
