package dev.cdcsink.reconcile;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cdcsink.source.ConditionalOnSourceDatabase;

/** Reconcile needs both databases: it exists only when a source database is configured. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSourceDatabase
class ReconcileConfiguration {

    @Bean
    Reconciler reconciler(@Qualifier("sourceDataSource") DataSource source, DataSource target, Clock clock) {
        return new Reconciler(source, target, clock);
    }
}
