package io.bulwark.it;

class SpringBootOnJdk17Test extends SpringBootContractTest {
  SpringBootOnJdk17Test() {
    super(17);
  }
}
