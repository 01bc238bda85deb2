/**
 * Planning standards: named sets of targets (access within minutes, facility counts, beds and
 * physicians per 1,000 residents) that district indicators are checked against. Loaded from
 * {@code geodata/planning-standards.yaml}; a target's pass mark (and minutes) may be changed at run
 * time, and such a change is stored until it is reset to the file's value.
 */
package org.carecircle.standard;
