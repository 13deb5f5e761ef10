import Foundation
import KubeJSON

/// chat.postMessage with Slack's checks: auth, channel access, Block Kit limits, threads, pacing.
extension FakeSlack {
    /// Slack stores at most this many characters of `text` and cuts the rest without an error.
    static let textLimit = 40_000

    /// The answer, and the message when it was accepted.
    static func postMessage(_ request: RecordedRequest, _ state: inout State, now: Date) -> (FakeAnswer, FakeSlackMessage?) {
        let parsed: JSONValue
        switch arguments(request, &state) {
        case .failure(let failure): return (failure.answer, nil)
        case .success(.form): return (error("invalid_arguments"), nil)
        case .success(.json(let json)): parsed = json
        }
        // A JSON body must carry the token in the header.
        guard request.header("Authorization") != nil else { return (error("not_authed"), nil) }
        let scopes: Set<String>
        switch authenticate(request, state, form: nil) {
        case .failure(let failure): return (failure.answer, nil)
        case .success(let granted): scopes = granted
        }
        if let missing = require("chat:write", in: scopes) { return (missing, nil) }
        if !state.scriptedPosts.isEmpty {
            switch state.scriptedPosts.removeFirst() {
            case .rateLimited(let seconds):
                return (.json(["ok": false, "error": "ratelimited"], status: 429, headers: [("Retry-After", String(seconds))]), nil)
            case .error(let code): return (error(code), nil)
            case .status(let status): return (.text("upstream trouble", status: status), nil)
            }
        }
        guard let channelArgument = parsed["channel"]?.stringValue, !channelArgument.isEmpty else { return (error("channel_not_found"), nil) }
        guard let channel = channel(named: channelArgument, state) else { return (error("channel_not_found"), nil) }
        if channel.isArchived { return (error("is_archived"), nil) }
        if !channel.isMember && (channel.isPrivate || !scopes.contains("chat:write.public")) { return (error("not_in_channel"), nil) }
        var text = parsed["text"]?.stringValue
        let blocks = parsed["blocks"]?.arrayValue
        if parsed["markdown_text"] != nil && (text != nil || blocks != nil) { return (error("markdown_text_conflict"), nil) }
        if text == nil && blocks == nil && parsed["attachments"] == nil { return (error("no_text"), nil) }
        if let blocks, let problem = SlackBlockRules.check(blocks, totalLimit: state.blocksTotalLimit) { return (error(problem), nil) }
        if (parsed["attachments"]?.arrayValue?.count ?? 0) > 100 { return (error("too_many_attachments"), nil) }
        var threadTS = parsed["thread_ts"]?.stringValue
        if let parent = threadTS, !isParent(parent, in: channel.id, state) {
            switch state.threadPolicy {
            case .reject: return (error("thread_not_found"), nil)
            case .postToChannel: threadTS = nil
            }
        }
        if let interval = state.perChannelInterval, let last = state.lastPostAt[channel.id] {
            let elapsed = now.timeIntervalSince(last)
            let limit = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
            if elapsed < limit {
                state.rateLimitedPosts += 1
                let wait = max(1, Int((limit - elapsed).rounded(.up)))
                return (.json(["ok": false, "error": "ratelimited"], status: 429, headers: [("Retry-After", String(wait))]), nil)
            }
        }
        if (text?.unicodeScalars.count ?? 0) > 4_000 { state.longTexts += 1 }
        var truncated = false
        if let whole = text, whole.unicodeScalars.count > textLimit {
            text = String(String.UnicodeScalarView(whole.unicodeScalars.prefix(textLimit)))
            truncated = true
        }
        for mrkdwn in SlackBlockRules.mrkdwnTexts(blocks ?? []) + [text ?? ""] {
            state.pings.append(contentsOf: SlackBlockRules.pings(in: mrkdwn))
        }
        let ts = nextTS(&state)
        state.lastPostAt[channel.id] = now
        if threadTS == nil { state.parents.insert(ParentKey(channel: channel.id, ts: ts)) }
        let message = FakeSlackMessage(
            channel: channel.id, ts: ts, threadTS: threadTS, text: text, blocks: blocks ?? [], body: parsed, textTruncated: truncated)
        var answer = JSONObject([("ok", true), ("channel", .string(channel.id)), ("ts", .string(ts))])
        var echoed = JSONObject([("text", .string(text ?? "")), ("ts", .string(ts))])
        if let threadTS { echoed["thread_ts"] = .string(threadTS) }
        answer["message"] = .object(echoed)
        return (.json(.object(answer)), message)
    }

    /// Whether `ts` is a top-level message in the channel: Slack threads hang off parents only.
    private static func isParent(_ ts: String, in channel: String, _ state: State) -> Bool {
        state.parents.contains(ParentKey(channel: channel, ts: ts))
    }

    private static func nextTS(_ state: inout State) -> String {
        let value = state.nextTS
        state.nextTS += 1
        return "\(value / 1_000_000).\(String(format: "%06d", value % 1_000_000))"
    }
}
