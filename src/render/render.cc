#include "render/render.h"

#include <cgraph.h>
#include <fmt/format.h>
#include <gvc.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "render/html.h"

namespace policykg::render {

namespace {

// Graphviz keeps global state (error handler, symbol tables): one layout at a time.
std::mutex& GraphvizMutex() {
  static std::mutex mutex;
  return mutex;
}

std::vector<std::string>* graphviz_messages = nullptr;  // guarded by GraphvizMutex()

int CollectGraphvizMessage(char* message) {
  if (graphviz_messages != nullptr && message != nullptr) {
    std::string text(message);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (!text.empty()) graphviz_messages->push_back(std::move(text));
  }
  return 0;
}

std::string JoinMessages(const std::vector<std::string>& messages) {
  std::string out;
  for (const auto& m : messages) {
    if (!out.empty()) out += "; ";
    for (char c : m) out += c == '\n' ? ' ' : c;
  }
  return out.empty() ? "no details" : out;
}

// Restores Graphviz's error handler and message sink when a layout ends.
class MessageCapture {
 public:
  explicit MessageCapture(std::vector<std::string>* messages) {
    graphviz_messages = messages;
    previous_ = agseterrf(&CollectGraphvizMessage);
  }
  ~MessageCapture() {
    agseterrf(previous_);
    graphviz_messages = nullptr;
  }
  MessageCapture(const MessageCapture&) = delete;
  MessageCapture& operator=(const MessageCapture&) = delete;

 private:
  agusererrf previous_;
};

std::string Caption(const graph::KnowledgeGraph& graph, const GraphView& view) {
  std::string caption =
      fmt::format("policykg · {} 节点 nodes · {} 关系 edges", view.nodes.size(), view.edges.size());
  if (view.nodes.size() < graph.node_count()) {
    caption += fmt::format(" (of {} / {})", graph.node_count(), graph.edge_count());
  }
  for (const auto& note : view.notes) caption += " · " + note;
  return caption;
}

}  // namespace

std::optional<std::string> RenderFormatFromPath(std::string_view path) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos)
    return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "gv") return "dot";
  if (ext == "htm") return "html";
  for (const char* format : kRenderFormats) {
    if (ext == format) return ext;
  }
  return std::nullopt;
}

DotOptions RenderDotOptions(const graph::KnowledgeGraph& graph, const GraphView& view,
                            const RenderOptions& options) {
  DotOptions dot;
  dot.caption = Caption(graph, view);
  dot.layout = view.layout;
  dot.format = options.format;
  dot.legend = options.legend;
  dot.clusters = options.clusters;
  dot.interactive = true;
  dot.data_attributes = false;
  dot.ampersand_ids = true;
  dot.network = view.collaboration || !view.focus.empty();
  if (options.clusters && view.layout != "dot" && view.layout != "fdp") {
    spdlog::warn("render: --clusters are drawn only by the dot and fdp layouts, not {}",
                 view.layout);
  }
  return dot;
}

// One Graphviz context for the whole process. Graphviz 2.42/2.43 keeps a font cache across
// contexts, so freeing a context and making another leaves it pointing at freed names (a
// heap-use-after-free under AddressSanitizer); a single context, used under GraphvizMutex(), avoids it.
GVC_t* SharedContext() {
  static GVC_t* gvc = gvContext();
  return gvc;
}

Result<std::string> LayoutDot(std::string_view dot_text, std::string_view layout,
                              std::string_view format) {
  std::lock_guard<std::mutex> lock(GraphvizMutex());
  std::vector<std::string> messages;
  MessageCapture capture(&messages);
  const std::string text(dot_text), engine(layout), output_format(format);

  Agraph_t* g = agmemread(text.c_str());
  if (g == nullptr) {
    return MakeError(fmt::format("Graphviz cannot read the DOT text: {}", JoinMessages(messages)));
  }
  GVC_t* gvc = SharedContext();
  std::string result;
  std::optional<Error> error;
  if (gvLayout(gvc, g, engine.c_str()) != 0) {
    error =
        MakeError(fmt::format("Graphviz layout '{}' failed: {}", engine, JoinMessages(messages)));
  } else {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc, g, output_format.c_str(), &data, &length) != 0 || data == nullptr) {
      error = MakeError(fmt::format("Graphviz cannot render format '{}': {}", output_format,
                                    JoinMessages(messages)));
    } else {
      result.assign(data, length);
    }
    if (data != nullptr) gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  for (const auto& message : messages) spdlog::debug("graphviz: {}", message);
  if (error) return *error;
  return result;
}

Result<std::string> RenderGraph(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                const RenderOptions& options) {
  if (std::find_if(std::begin(kRenderFormats), std::end(kRenderFormats), [&](const char* f) {
        return options.format == f;
      }) == std::end(kRenderFormats)) {
    return MakeError(fmt::format(
        "--format: unknown render format '{}' (formats: dot, svg, png, html)", options.format));
  }
  if (options.format == "html") return RenderHtmlPage(graph, schema, options);
  auto view = SelectView(graph, schema, options);
  if (!view.ok()) return view.error();
  std::string dot = BuildDot(graph, schema, *view, RenderDotOptions(graph, *view, options));
  return LayoutDot(dot, view->layout, options.format);
}

}  // namespace policykg::render
