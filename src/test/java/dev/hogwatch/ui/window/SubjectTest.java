package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SubjectTest {
  @Test
  void labelsUseTheProgramsLastPathElement() {
    assertEquals("firefox (42)", Subject.process("/usr/lib/firefox/firefox", 42, 1000).label());
    assertEquals("curl", Subject.program("/usr/bin/curl", 1000).label());
    assertEquals("python3 /srv/x.py", Subject.shortName("/usr/bin/python3 /srv/x.py"));
    assertEquals("unknown TCP", Subject.shortName("unknown TCP"));
  }

  @Test
  void pidZeroIsTheUnattributedTraffic() {
    assertEquals(Subject.UNATTRIBUTED, Subject.process("unknown TCP", 0, 0));
  }
}
