#pragma once
// The names of the routing rules and caller behaviours a scenario may choose
// (docs/routing.md). Plain enums and their scenario spellings, shared by the scenario
// reader, the engine and `ccsim check`, so a rule has one name everywhere.
#include <array>
#include <string_view>

namespace ccsim::models {

// Which waiting call an agent who becomes free takes (a group's rule).
enum class CallChoice { priority_then_wait, longest_wait, group_order, weighted_wait };
// Which free agent an arriving call gets (a queue's rule).
enum class AgentChoice { group_order, longest_idle, random, least_busy_group };
// What happens to calls still waiting when the last interval ends (a queue's rule).
enum class AtClose { drain, disconnect, message };

inline constexpr std::array<std::string_view, 4> kCallChoiceNames{"priority_then_wait", "longest_wait", "group_order",
                                                                  "weighted_wait"};
inline constexpr std::array<std::string_view, 4> kAgentChoiceNames{"group_order", "longest_idle", "random",
                                                                   "least_busy_group"};
inline constexpr std::array<std::string_view, 3> kAtCloseNames{"drain", "disconnect", "message"};

inline std::string_view name_of(CallChoice c) { return kCallChoiceNames[static_cast<std::size_t>(c)]; }
inline std::string_view name_of(AgentChoice c) { return kAgentChoiceNames[static_cast<std::size_t>(c)]; }
inline std::string_view name_of(AtClose c) { return kAtCloseNames[static_cast<std::size_t>(c)]; }

// The rule in words, as `ccsim check` prints it.
inline std::string_view describe(CallChoice c) {
  switch (c) {
    case CallChoice::priority_then_wait:
      return "a free agent takes the waiting call of highest queue priority, then the longest-waiting";
    case CallChoice::longest_wait:
      return "a free agent takes the call that has waited longest, whatever the queue's priority";
    case CallChoice::group_order:
      return "a free agent takes a call of the first queue in its serves order that has one waiting";
    case CallChoice::weighted_wait:
      return "a free agent takes the waiting call of highest score: bonus + weight x wait";
  }
  return "?";
}
inline std::string_view describe(AgentChoice c) {
  switch (c) {
    case AgentChoice::group_order:
      return "an arriving call goes to the first group with a free agent in the queue's preference order";
    case AgentChoice::longest_idle:
      return "an arriving call goes to the free agent who has been idle longest";
    case AgentChoice::random:
      return "an arriving call goes to a free agent drawn at random, each equally likely";
    case AgentChoice::least_busy_group:
      return "an arriving call goes to the free group with the lowest share of its agents busy";
  }
  return "?";
}
inline std::string_view describe(AtClose c) {
  switch (c) {
    case AtClose::drain:
      return "calls waiting at the close are still served (the queue drains)";
    case AtClose::disconnect:
      return "calls waiting at the close are disconnected";
    case AtClose::message:
      return "calls waiting at the close leave a message";
  }
  return "?";
}

}  // namespace ccsim::models
