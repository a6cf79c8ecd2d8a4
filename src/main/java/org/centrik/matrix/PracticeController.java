package org.centrik.matrix;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only HTTP view of the bank of practices.
 */
@RestController
@RequestMapping("/api/practices")
class PracticeController {

	private final Practices practices;

	PracticeController(Practices practices) {
		this.practices = practices;
	}

	@GetMapping
	Flux<Practice> search(@RequestParam(name = "q", required = false) String query) {
		return this.practices.search(query);
	}

	@GetMapping("/{id}")
	Mono<Practice> practice(@PathVariable long id) {
		return this.practices.practice(id);
	}

}
