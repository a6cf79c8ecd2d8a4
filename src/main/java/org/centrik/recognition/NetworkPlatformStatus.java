package org.centrik.recognition;

import java.util.Set;
import java.util.TreeSet;

/**
 * Rule 6 of the regulations (п. 3.3): at the end of a school year an executor
 * organisation may get the status «Сетевая площадка» when its innovative experience is
 * declared in the matrix (a practice in the network's bank) and it delivered network
 * events answering requests whose presenters include at least three of its teachers
 * certified «Сетевой педагог» for that school year. The status is proposed by this rule
 * and confirmed by the coordinator (the council's decision and the order).
 */
final class NetworkPlatformStatus {

	/** Certified network teachers among the presenters it takes. */
	static final int CERTIFIED_PRESENTERS = 3;

	private NetworkPlatformStatus() {
	}

	/**
	 * @param declaredPractice whether the organisation has a practice in the network's
	 * bank
	 * @param presenters its teachers who presented at its finished events answering
	 * requests in the school year
	 * @param networkTeachers the teachers certified «Сетевой педагог» for the school year
	 * @return the outcome, with the certified presenters it counted
	 */
	static Outcome requiresThreeCertifiedPresenters(boolean declaredPractice, Set<Long> presenters,
			Set<Long> networkTeachers) {
		Set<Long> certified = new TreeSet<>(presenters);
		certified.retainAll(networkTeachers);
		return new Outcome(declaredPractice, Set.copyOf(certified),
				declaredPractice && certified.size() >= CERTIFIED_PRESENTERS);
	}

	/**
	 * @param declaredPractice whether its experience is declared in the matrix
	 * @param certifiedPresenters the certified network teachers who presented
	 * @param met whether the status is due
	 */
	record Outcome(boolean declaredPractice, Set<Long> certifiedPresenters, boolean met) {

	}

}
