package io.tokenledger.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Function;

/**
 * Axon's metrics, without its processors' capacity monitor. That monitor keeps a measurement of every event each
 * processor handles for ten minutes (a sliding window in a skip list, two boxed longs an entry): at a thousand tokens
 * a second, some five processors see each event, and that is millions of entries, most of a node's heap. A processor
 * catching up on a large ledger filled the heap with them and the node spent its time in full collections
 * ({@code bench/run --full}, 10M events). The timer, the latency gauge and the counters of each processor stay, and
 * {@code ledger_projection_lag} says how far behind each is.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfig {

    @Bean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new WithoutCapacityMonitor(registry);
    }

    static final class WithoutCapacityMonitor extends GlobalMetricRegistry {

        WithoutCapacityMonitor(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
            return registerEventProcessor(name, message -> List.of(), message -> List.of());
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
                String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return new MultiMessageMonitor<>(List.of(
                    MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                    EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                                                .tagsBuilder(latencyTags).build(),
                    MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
        }
    }
}
