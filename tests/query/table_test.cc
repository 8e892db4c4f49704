#include "query/table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace policykg::query {
namespace {

TEST(DisplayWidth, CjkAndFullWidthAreTwoColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("成都"), 4u);
  EXPECT_EQ(DisplayWidth("西部（重庆）科学城"), 18u);
  EXPECT_EQ(DisplayWidth("西部(重庆)科学城"), 16u);
  EXPECT_EQ(DisplayWidth("。，"), 4u);
  EXPECT_EQ(DisplayWidth("e\u0301"), 1u) << "combining accent takes no column";
  EXPECT_EQ(DisplayWidth("\x1b[1;31m重庆\x1b[0m"), 4u) << "ANSI sequences take no column";
  EXPECT_EQ(DisplayWidth(""), 0u);
}

TEST(EscapeCell, ControlCharactersBecomeVisible) {
  EXPECT_EQ(EscapeCell("反斜杠\n换行\t制表\x01"), "反斜杠\\n换行\\t制表\\x01");
  EXPECT_EQ(EscapeCell("成都"), "成都");
}

TEST(Table, ColumnsLineUpByDisplayWidth) {
  Table table({"NAME", "TYPE", "NOTE"});
  table.AddRow({"成都", "Region", "x"});
  table.AddRow({"Ab", "Platform", "多行\n文本"});
  table.AddRow({"西部（重庆）科学城", "Platform", ""});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "NAME                TYPE      NOTE\n"
            "成都                Region    x\n"
            "Ab                  Platform  多行\\n文本\n"
            "西部（重庆）科学城  Platform\n");
  // Every TYPE column starts at display column 20.
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    size_t type_at = line.find("Region") != std::string::npos     ? line.find("Region")
                     : line.find("Platform") != std::string::npos ? line.find("Platform")
                                                                  : line.find("TYPE");
    EXPECT_EQ(DisplayWidth(line.substr(0, type_at)), 20u) << line;
  }
}

}  // namespace
}  // namespace policykg::query
