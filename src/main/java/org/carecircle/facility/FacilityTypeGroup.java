package org.carecircle.facility;

/** A legend group of facility types (hospitals, primary care, emergency, ...). */
public record FacilityTypeGroup(String code, String nameZh, String nameEn) {}
