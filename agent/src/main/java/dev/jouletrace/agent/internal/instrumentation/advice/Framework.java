package dev.jouletrace.agent.internal.instrumentation.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds the instrumentation's framework name ({@code djl}, {@code dl4j}) into shared advice. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Framework {}
