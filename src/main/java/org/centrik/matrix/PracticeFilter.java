package org.centrik.matrix;

/**
 * What to look for in the bank; every part is optional.
 *
 * @param query Russian full-text query, e.g. «проектная деятельность»
 * @param level {@code preschool}, {@code primary}, {@code general} or {@code additional}
 * @param label an innovation label of the declaring organisation, e.g. {@code kip}
 */
public record PracticeFilter(String query, Long network, String direction, String level, String label,
		Long organisation) {

}
