package org.centrik.attendance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTests {

	/** Every batch written, and the sink that commits it. */
	private final List<List<Integer>> batches = new ArrayList<>();

	private final List<Sinks.One<Boolean>> commits = new ArrayList<>();

	/** Doubles each write; a write of a negative number breaks its whole statement. */
	private final GroupCommit<Integer, Integer> writes = new GroupCommit<>((batch) -> {
		Sinks.One<Boolean> commit = Sinks.one();
		synchronized (this) {
			this.batches.add(batch);
			this.commits.add(commit);
		}
		return commit.asMono()
			.flatMap((ok) -> batch.stream().anyMatch((n) -> n < 0)
					? Mono.error(new IllegalArgumentException("bad write in " + batch))
					: Mono.just(batch.stream()
						.map((n) -> (n % 10 == 0) ? Optional.<Integer>empty() : Optional.of(n * 2))
						.toList()));
	}, 3);

	@Test
	void theFirstWriteGoesAtOnceAndThoseThatArriveMeanwhileGoTogetherNext() {
		Mono<Integer> first = this.writes.write(1).cache();
		first.subscribe();
		assertThat(this.batches).containsExactly(List.of(1));

		List<Mono<Integer>> meanwhile = List.of(2, 3, 4, 5).stream().map((n) -> this.writes.write(n).cache()).toList();
		meanwhile.forEach(Mono::subscribe);
		assertThat(this.batches).hasSize(1);

		commit(0);
		StepVerifier.create(first).expectNext(2).verifyComplete();
		// at most three in one batch: the fourth waits for the next
		assertThat(this.batches).containsExactly(List.of(1), List.of(2, 3, 4));
		commit(1);
		assertThat(this.batches).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5));
		commit(2);
		StepVerifier.create(Mono.zip(meanwhile, (all) -> List.of(all)))
			.expectNext(List.of(4, 6, 8, 10))
			.verifyComplete();
	}

	@Test
	void aWriteThatDidNotHappenIsEmpty() {
		Mono<Integer> none = this.writes.write(10).cache();
		none.subscribe();
		commit(0);
		StepVerifier.create(none).verifyComplete();
	}

	@Test
	void whenABatchFailsEachWriteIsTriedAloneAndOnlyTheBadOneFails() {
		Mono<Integer> first = this.writes.write(1).cache();
		first.subscribe();
		List<Mono<Integer>> batch = List.of(2, -3, 4).stream().map((n) -> this.writes.write(n).cache()).toList();
		batch.forEach(Mono::subscribe);
		commit(0);
		commit(1);
		// then alone, one after another
		for (int i = 2; i < 5; i++) {
			commit(i);
		}

		assertThat(this.batches).containsExactly(List.of(1), List.of(2, -3, 4), List.of(2), List.of(-3), List.of(4));
		StepVerifier.create(batch.get(0)).expectNext(4).verifyComplete();
		StepVerifier.create(batch.get(1)).expectErrorMessage("bad write in [-3]").verify(Duration.ofSeconds(1));
		StepVerifier.create(batch.get(2)).expectNext(8).verifyComplete();
	}

	private void commit(int batch) {
		Sinks.One<Boolean> commit;
		synchronized (this) {
			commit = this.commits.get(batch);
		}
		commit.tryEmitValue(true);
	}

}
