package org.centrik.network;

import java.util.List;

import org.centrik.security.Caller;
import org.centrik.shared.CommandErrors;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The registry over RSocket, request-response, as frontend-protocol/asyncapi.yaml
 * declares it, under the rules of HTTP ({@link RegistryController}): members read
 * networks, organisations and agreements; a coordinator adds organisations and
 * agreements; an admin edits their organisation's names and contacts. A refusal is an
 * error frame ({@code forbidden}, {@code not_found}, {@code bad_input},
 * {@code conflict}).
 */
@Controller
class RegistryRoutes {

	private final RegistryController http;

	RegistryRoutes(RegistryController http) {
		this.http = http;
	}

	/** The networks the caller is a member of. */
	@MessageMapping("networks")
	Mono<List<Network>> networks(@AuthenticationPrincipal Caller caller) {
		return this.http.networks(caller).collectList();
	}

	/** The registry of members: every agreement of the network, current and lapsed. */
	@MessageMapping("networks.{networkId}.agreements")
	Mono<List<Agreement>> agreements(@DestinationVariable("networkId") long id,
			@AuthenticationPrincipal Caller caller) {
		return this.http.agreements(id, caller).collectList();
	}

	@MessageMapping("networks.{networkId}.agreements.add")
	Mono<Agreement> addAgreement(@DestinationVariable("networkId") long id, @Payload NewAgreement agreement,
			@AuthenticationPrincipal Caller caller) {
		return this.http.addAgreement(id, agreement, caller);
	}

	/** The organisations of the caller's networks, and the caller's own. */
	@MessageMapping("organisations")
	Mono<List<Organisation>> organisations(@AuthenticationPrincipal Caller caller) {
		return this.http.organisations(caller).collectList();
	}

	@MessageMapping("organisations.{organisationId}")
	Mono<Organisation> organisation(@DestinationVariable("organisationId") long id,
			@AuthenticationPrincipal Caller caller) {
		return this.http.organisation(id, caller);
	}

	@MessageMapping("organisations.create")
	Mono<Organisation> create(@Payload OrganisationCard card, @AuthenticationPrincipal Caller caller) {
		return this.http.addOrganisation(card, caller);
	}

	/**
	 * Replaces the card: names and contacts by its admin, labels and admin by a
	 * coordinator.
	 */
	@MessageMapping("organisations.{organisationId}.update")
	Mono<Organisation> update(@DestinationVariable("organisationId") long id, @Payload OrganisationCard card,
			@AuthenticationPrincipal Caller caller) {
		return this.http.editOrganisation(id, card, caller);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(CommandErrors.frame(failure));
	}

}
