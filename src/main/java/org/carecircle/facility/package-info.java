/**
 * The facility registry: a facility is a health service point (hospital, health centre, clinic,
 * emergency station...) with a WGS84 location, a catalogue type and a planning status. Imports are
 * all or nothing. A facility's version counts its changes (1 when created); every change is
 * recorded in the change history ({@link org.carecircle.history}) by {@link
 * org.carecircle.facility.FacilityChanges}, and an edit naming a stale version writes nothing.
 */
package org.carecircle.facility;
