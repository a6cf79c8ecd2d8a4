package org.centrik.library;

/**
 * What the cabinet is searched for; every part optional.
 *
 * @param query Russian full text, e.g. «проектная деятельность»
 */
record LibraryFilter(String query, Long network, String type, String level, String subject, Long organisation) {
}
