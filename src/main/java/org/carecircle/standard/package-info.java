/**
 * Planning standards: named sets of targets (access within minutes, facility counts, beds and
 * physicians per 1,000 residents) that district indicators are checked against. Loaded from
 * {@code geodata/planning-standards.yaml}; values may be changed at run time (in memory).
 */
package org.carecircle.standard;
