package org.carebank.query.asof;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.rebuild.ReadsProjection;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * Answers a dashboard question as of an instant by replaying into a scratch copy (ADR 0023): an empty in-memory copy
 * of the query schema, the projections the endpoint reads (its controller's {@link ReadsProjection}) fed the events
 * recorded up to the instant, then the endpoint's own reader classes asked on that copy. The projection and reader
 * classes are the live ones, instantiated a second time in a child context in which every JDBC object is the
 * scratch database's: so the answer is computed by the same view code, and cannot read or write a live table's
 * rows. Nothing is cached: each answer builds its copy and drops it.
 */
@Component
public class AsOfReplay {

    private static final List<Class<?>> JDBC_TYPES = List.of(
            DataSource.class,
            JdbcTemplate.class,
            NamedParameterJdbcTemplate.class,
            JdbcClient.class,
            BatchedWrites.class);

    private static final Duration QUEUE_WAIT = Duration.ofSeconds(60);

    private final Semaphore oneAtATime = new Semaphore(1, true);
    private final ConfigurableApplicationContext context;
    private final EventsUpTo events;

    AsOfReplay(ConfigurableApplicationContext context, EventStore eventStore) {
        this.context = context;
        this.events = new EventsUpTo(eventStore);
    }

    /**
     * The answer to {@code question} as of {@code asOf}, from the projections that {@code controller}'s
     * {@link ReadsProjection} names.
     */
    public <R> R answer(Instant asOf, Class<?> controller, Function<AsOfViews, R> question) {
        ReadsProjection reads = AnnotatedElementUtils.findMergedAnnotation(controller, ReadsProjection.class);
        if (reads == null) {
            throw new IllegalArgumentException(controller + " does not say which projections it reads");
        }
        Set<String> groups = Set.of(reads.value());
        acquire();
        try (var scratch = ScratchDatabase.create()) {
            DefaultListableBeanFactory views = scratchBeans(scratch);
            List<AnnotationEventHandlerAdapter> projections = projectionsOf(groups).stream()
                    .map(name -> new AnnotationEventHandlerAdapter(views.getBean(name)))
                    .toList();
            OptionalLong position = events.feed(asOf, projections);
            return question.apply(new AsOfViews() {
                @Override
                public <T> T get(Class<T> type) {
                    return views.getBean(type);
                }

                @Override
                public OptionalLong position() {
                    return position;
                }
            });
        } finally {
            oneAtATime.release();
        }
    }

    /**
     * One as-of answer at a time per instance: each holds a scratch copy of the views in the heap, which grows with the
     * store (ADR 0023), so auditors' questions queue rather than add up; one that waits too long is refused with a 503
     * to ask again, never an out-of-memory for the live service.
     */
    private void acquire() {
        try {
            if (oneAtATime.tryAcquire(QUEUE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Refusal(
                        "as-of-busy",
                        503,
                        "As-of answers busy",
                        "Another answer as of an instant is being computed on this instance; ask again shortly.",
                        Map.of())
                .exception();
    }

    /**
     * The answer of the live reader when {@code asOf} is null, else of its twin of the same class on the views as of
     * that instant: for an endpoint whose figures come from one reader.
     */
    public <T, R> R read(Instant asOf, Class<?> controller, T live, Class<T> type, Function<T, R> question) {
        return asOf == null ? question.apply(live) : answer(asOf, controller, views -> question.apply(views.get(type)));
    }

    /** The beans of the live context that handle events for one of {@code groups}. */
    private List<String> projectionsOf(Set<String> groups) {
        return Arrays.stream(context.getBeanNamesForAnnotation(ProcessingGroup.class))
                .filter(name -> {
                    ProcessingGroup group = context.findAnnotationOnBean(name, ProcessingGroup.class);
                    return group != null && groups.contains(group.value());
                })
                .toList();
    }

    /**
     * A bean factory under the live context's in which the JDBC objects, and every bean of the query side that reaches
     * one (directly or through other beans: projections, tables, queries), are redefined under their own names on the
     * scratch database. A plain bean factory, not a context: it starts nothing, publishes no event, and builds only
     * what the answer asks for. Everything else (settings, the calendar) is the live context's.
     */
    private DefaultListableBeanFactory scratchBeans(ScratchDatabase scratch) {
        ConfigurableListableBeanFactory live = context.getBeanFactory();
        var beans = new DefaultListableBeanFactory(live);
        beans.setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());
        Set<String> jdbc = new HashSet<>();
        for (Class<?> type : JDBC_TYPES) {
            for (String name : live.getBeanNamesForType(type, true, false)) {
                jdbc.add(name);
                beans.registerBeanDefinition(name, definition(type, supplier(type, scratch)));
            }
        }
        for (String name : live.getBeanDefinitionNames()) {
            Class<?> type = live.getType(name);
            if (!jdbc.contains(name) && type != null) {
                Class<?> declared = ClassUtils.getUserClass(type);
                if (redefinable(declared) && reaches(live, name, jdbc)) {
                    var definition = new RootBeanDefinition(declared);
                    definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
                    beans.registerBeanDefinition(name, definition);
                }
            }
        }
        return beans;
    }

    @SuppressWarnings("unchecked")
    private static <T> RootBeanDefinition definition(Class<T> type, Supplier<?> bean) {
        return new RootBeanDefinition(type, (Supplier<T>) bean);
    }

    private static boolean redefinable(Class<?> type) {
        return type.getName().startsWith("org.carebank.query.")
                && !type.getName().startsWith(AsOfReplay.class.getPackageName() + ".")
                && AnnotatedElementUtils.hasAnnotation(type, Component.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Controller.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Configuration.class)
                && !Lifecycle.class.isAssignableFrom(type)
                && !ApplicationListener.class.isAssignableFrom(type);
    }

    /** Whether the live bean uses one of {@code targets}, directly or through the beans it uses. */
    private static boolean reaches(ConfigurableListableBeanFactory live, String name, Set<String> targets) {
        var seen = new HashSet<String>();
        var toVisit = new ArrayDeque<String>(List.of(name));
        while (!toVisit.isEmpty()) {
            for (String used : live.getDependenciesForBean(toVisit.pop())) {
                if (targets.contains(used)) {
                    return true;
                }
                if (seen.add(used)) {
                    toVisit.push(used);
                }
            }
        }
        return false;
    }

    private static Supplier<?> supplier(Class<?> type, ScratchDatabase scratch) {
        if (type == DataSource.class) {
            return scratch::dataSource;
        }
        if (type == JdbcTemplate.class) {
            return scratch::jdbcTemplate;
        }
        if (type == NamedParameterJdbcTemplate.class) {
            return scratch::namedParameterJdbcTemplate;
        }
        if (type == JdbcClient.class) {
            return scratch::jdbcClient;
        }
        return scratch::batchedWrites;
    }
}
