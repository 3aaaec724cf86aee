package io.bulwark.it;

class SpringBootOnJdk25Test extends SpringBootContractTest {
  SpringBootOnJdk25Test() {
    super(25);
  }
}
