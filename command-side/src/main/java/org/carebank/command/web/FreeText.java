package org.carebank.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request field as free text written by a person (a reason, a note): it may hold tab, newline and carriage
 * return. Every other text field (ids, references, names, zones) holds none (see {@link StorableText}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FreeText {}
