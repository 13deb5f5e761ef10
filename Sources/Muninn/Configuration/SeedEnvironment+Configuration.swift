import MuninnCore

extension SeedEnvironment {
    /// The Kubernetes Pod Monitor's channel when `SLACK_CHANNEL` is unset (its application.yml).
    static let podMonitorDefaultChannel = "pod-crash-alerts"

    /// Sets up `configuration` as the replaced tools would behave (docs/configuration.md has the table):
    /// a `slack` destination for `SLACK_TOKEN` (with johari-mirror's table bound to it, or the Pod
    /// Monitor's channel as its default), a `dingtalk` destination for `DINGTALK_TOKEN`, and the
    /// kube-dingtalk timings.
    func apply(to configuration: inout MuninnConfiguration) throws {
        func fail(_ name: String, _ message: String) -> ConfigurationError {
            ConfigurationError(file: "environment", line: nil, key: name, message: message)
        }
        if let name = clusterName { configuration.clusterName = name }
        if let namespaces = namespacesOnly {
            configuration.namespaces = namespaces
            configuration.routing.namespaces.include = namespaces.map(WildcardPattern.init)
        }
        if let floodExpire { configuration.alerts.flood.expiry = floodExpire }
        if let notReadyMinTime { configuration.alerts.notReadyAfter = notReadyMinTime }
        // kube-dingtalk always sends recoveries and kube-slack does by default; johari-mirror and the
        // Pod Monitor have none, so Muninn's default (off) stays for them.
        if let recoveryAlert {
            configuration.alerts.recovery = recoveryAlert
        } else if dingTalkToken != nil {
            configuration.alerts.recovery = true
        }
        if let maxCrashLogLength { configuration.alerts.logs.maxBytes = maxCrashLogLength }

        var destinations: [DestinationConfiguration] = []
        var rules: [RoutingRule] = []
        var table: ContainerRoutesBinding?
        if let slackToken, slackNotify != false {
            let channel = slackChannel ?? (tools.contains(.podMonitor) ? Self.podMonitorDefaultChannel : nil)
            if slackRoutes == nil, channel == nil {
                throw fail("SLACK_TOKEN", "set, but neither SLACK_NOTIFICATION_CONFIG nor SLACK_CHANNEL says where to post")
            }
            var slack = SlackDestinationSettings(token: slackToken, defaultChannel: channel)
            if let slackAPIURL { slack.apiURL = slackAPIURL }
            destinations.append(DestinationConfiguration(name: "slack", settings: .slack(slack)))
            if let slackRoutes {
                table = ContainerRoutesBinding(routes: slackRoutes, destination: "slack")
                configuration.alerts.restartThrottle = true
            }
        } else if slackRoutes != nil, slackToken == nil {
            throw fail("SLACK_NOTIFICATION_CONFIG", "set, but SLACK_TOKEN (or SLACK_TOKEN_FILE) is not")
        }
        if let dingTalkToken {
            destinations.append(
                DestinationConfiguration(name: "dingtalk", settings: .dingtalk(DingTalkDestinationSettings(token: dingTalkToken, secret: dingTalkSecret))))
            // johari-mirror's table decides only Slack; DingTalk keeps receiving everything.
            if table != nil {
                rules.append(RoutingRule(name: "DINGTALK_TOKEN", destinations: [RouteTarget(destination: "dingtalk")], continue: true))
            }
        } else if dingTalkSecret != nil {
            throw fail("DINGTALK_SECRET", "set, but DINGTALK_TOKEN (or DINGTALK_TOKEN_FILE) is not")
        }
        if let elasticsearch = elasticsearchDestination() {
            destinations.append(elasticsearch)
            // The Pod Monitor writes every crash to Elasticsearch, whatever decides Slack.
            if table != nil {
                rules.append(RoutingRule(name: "ELASTICSEARCH_URL", destinations: [RouteTarget(destination: elasticsearch.name)], continue: true))
            }
        }
        if !destinations.isEmpty {
            configuration.destinations = destinations
            configuration.routing.rules = rules
            configuration.routing.containerRoutes = table
        }
        configuration.finishRouting()
    }
}
