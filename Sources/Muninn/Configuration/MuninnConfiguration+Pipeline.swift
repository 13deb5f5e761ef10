import MuninnCore

extension MuninnConfiguration {
    /// The enrichment stage's routing: the pod's labels and annotations travel with the incident.
    var route: EnrichmentService.Route {
        let router = AlertRouter(rules: routing)
        return { alert, incident in router.route(alert, labels: incident.labels, annotations: incident.annotations) }
    }

    /// Flood control and the restart throttle, as `alerts:` sets them.
    var gate: AlertGate {
        AlertGate(flood: alerts.floodControl, restartThrottle: alerts.restartThrottle)
    }

    var enrichmentSettings: EnrichmentService.Settings {
        EnrichmentService.Settings(threading: alerts.threading.enabled)
    }

    var deliverySettings: DeliveryService.Settings {
        DeliveryService.Settings(
            retry: RetryPolicy(initial: delivery.initialRetry, maximum: delivery.maxRetry), maximumAge: delivery.maxAge,
            threadWindow: alerts.threading.window, drainTimeout: delivery.drainTimeout)
    }
}
